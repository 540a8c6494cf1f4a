"""The register of users (Appendix 3): admitting each request through it, and changing it."""
