"""Residences, households and families formed from partners' lists (services.households)."""
