"""Deciding families' statuses under an eligibility framework (domain.eligibility)."""
