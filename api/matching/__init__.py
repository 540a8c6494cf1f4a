"""Matching partners' lists: recognising one person across them, the review queue and merges
(services.matching)."""
