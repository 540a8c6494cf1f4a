"""Deciding families' statuses under an eligibility framework (intake.eligibility)."""
