UNWIND $rows AS row
MATCH (h:Household {id: row.id})
SET h.to = row.end
