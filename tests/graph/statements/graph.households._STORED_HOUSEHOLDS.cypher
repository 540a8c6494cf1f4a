MATCH (h:Household) WHERE h.id > $after
WITH h ORDER BY h.id LIMIT $limit
RETURN max(h.id) AS last,
       collect(CASE WHEN h.supersededAt IS NULL
                    THEN {id: h.id, key: h.addressKey, end: toString(h.to)} END) AS rows
