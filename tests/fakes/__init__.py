"""Local fakes of third-party APIs that the vendors' own SDKs are pointed at in tests."""
