"""Reporting: the year's cycle of progress reports, reviews, requests and reminders."""
