"""Simulator builds in S3-compatible storage, WebGL launch and release notes."""
