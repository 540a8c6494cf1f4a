"""Decisions to share without consent: recorded exceptions, approved by a second person."""
