"""Reporting pages: a unit's obligations (obligations), the report form and its
versions (reports), evidence files (attachments), the unit head's signing
(approvals), the office's review (review), actions on a task page (tasks),
notifications, and the office's settings: rules (rules) and holidays
(holidays). Shared lookups and access checks live in `common`.

The views only read forms, call duban.reporting.flow and pick the response;
what an action does lives in the service.
"""
