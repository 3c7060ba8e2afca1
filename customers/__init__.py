"""Customers of the platform: organisations, their learners' identifiers (UIN), licences and device keys."""
