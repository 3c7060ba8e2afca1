"""Fault reports: support page and form, workflow, tracking, staff queue and duty shifts."""
