"""The Open Referral UK (v3.0-UK) API under /api/v1/: the directory as open data. See docs/api.md."""
