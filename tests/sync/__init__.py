"""Sync tests: client and server over loopback, on SQLite and PostgreSQL."""
