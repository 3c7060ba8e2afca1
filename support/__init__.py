"""Fault reports and their workflow, maintenance notices and the notification outbox."""
