"""Integration with the HR system hr works: client, sandbox, sync, settings pages."""
