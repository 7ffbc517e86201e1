"""The REST API (django-ninja), documented at /api/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(title="督办 API", version="1", urls_namespace="api")
