MATCH (h:Household) WHERE h.supersededAt IS NULL
RETURN collect({id: h.id, end: h.to})
