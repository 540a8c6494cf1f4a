"""The team around a family (need-to-know): who is on it, who leads it, and changing it."""
