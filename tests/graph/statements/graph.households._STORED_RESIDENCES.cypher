MATCH (p:Person)-[l:LIVES_AT {source: 'partner-lists'}]->(a:Address)
WHERE l.supersededAt IS NULL
RETURN collect({id: elementId(l), person: p.id, key: a.addressKey, start: l.from, end: l.to})
