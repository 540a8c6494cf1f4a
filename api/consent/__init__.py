"""Consent: recording a person's decision about sharing their information, and its withdrawal."""
