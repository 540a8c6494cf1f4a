UNWIND $families AS family
CREATE (:Family {id: family.id, reference: family.reference, status: 'IDENTIFIED',
                 identifiedAt: $today, source: 'partner-lists'})
