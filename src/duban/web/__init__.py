"""The Django project: settings, URLs, the API root, base templates and static files."""
