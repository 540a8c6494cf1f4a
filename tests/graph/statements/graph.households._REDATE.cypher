UNWIND $rows AS row
MATCH ()-[l:LIVES_AT]->() WHERE elementId(l) = row.id
SET l.from = row.start, l.to = row.end
