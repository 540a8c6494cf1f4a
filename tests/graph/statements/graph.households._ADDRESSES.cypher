UNWIND $rows AS row
MERGE (a:Address {addressKey: row.key})
ON CREATE SET a.id = randomUUID(), a.uprn = row.uprn, a.line1 = row.line1, a.line2 = row.line2,
              a.town = coalesce(row.town, ''), a.postcode = row.postcode,
              a.postcodeDistrict = row.district
