"""Seeded, reproducible synthetic people, with one list of names (``names``) for two purposes:

- ``demo``: a demo graph of Devon families, the agreement's partners and users, loaded into Neo4j
  (``python -m devtools.synthetic --people N --seed S``; ``./dev run`` loads one);
- ``partner_lists``: partners' lists in the intake schema with the truth about who is who, to
  measure matching against (bench/, the matching model's training).

Both draw partners, criteria and places from ``reference``.
"""
