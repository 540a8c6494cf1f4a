UNWIND $ids AS id
MATCH ()-[l:LIVES_AT]->() WHERE elementId(l) = id
SET l.supersededAt = $today, l.to = coalesce(l.to, $today)
