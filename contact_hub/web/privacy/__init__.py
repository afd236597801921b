"""Privacy for admins over the JSON API: subject access, erasure, holds, retention dry run."""
