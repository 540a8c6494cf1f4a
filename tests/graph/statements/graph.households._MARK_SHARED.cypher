UNWIND $rows AS row
MATCH (a:Address {addressKey: row.key}) WHERE coalesce(a.shared, false) <> row.shared
SET a.shared = row.shared
RETURN count(*) AS changed
