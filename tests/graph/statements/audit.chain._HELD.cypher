MATCH (d:Disclosure) WHERE d.id IN $ids RETURN collect(d.id) AS ids
