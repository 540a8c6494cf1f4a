UNWIND $rows AS row MATCH (p:Person {id: row[0]}) SET p.nameKey = row[1]
