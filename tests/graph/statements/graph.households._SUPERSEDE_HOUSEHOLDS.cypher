UNWIND $ids AS id
MATCH (h:Household {id: id})
SET h.supersededAt = $today, h.to = coalesce(h.to, $today)
