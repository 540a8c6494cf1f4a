MATCH (p:Person) WHERE p.id > $after
WITH p ORDER BY p.id LIMIT $limit
OPTIONAL MATCH (p)-[l:LIVES_AT {source: 'partner-lists'}]->(a:Address)
WHERE l.supersededAt IS NULL
RETURN max(p.id) AS last,
       collect(CASE WHEN l IS NOT NULL THEN {id: elementId(l), person: p.id, key: a.addressKey,
                                             start: toString(l.from), end: toString(l.to)} END)
         AS rows
