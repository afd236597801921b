"""The staff pages' rules, pure: who may do what (roles), queue targets, dashboard figures."""
