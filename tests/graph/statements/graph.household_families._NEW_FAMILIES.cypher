UNWIND $families AS family
MERGE (f:Family {id: family.id})
ON CREATE SET f.reference = family.reference, f.status = 'IDENTIFIED', f.identifiedAt = $today,
              f.source = 'partner-lists'
