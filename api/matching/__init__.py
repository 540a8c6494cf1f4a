"""Amalgamating partners' lists: matching, the review queue and merges (graph.identities)."""
