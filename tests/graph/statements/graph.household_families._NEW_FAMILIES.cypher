UNWIND $families AS family
OPTIONAL MATCH (taken:Family {reference: family.reference})
WITH family, taken IS NULL AS free
MERGE (f:Family {id: family.id})
ON CREATE SET f.reference = CASE WHEN free THEN family.reference ELSE family.unique END,
              f.status = 'IDENTIFIED', f.identifiedAt = $today, f.source = 'partner-lists'
