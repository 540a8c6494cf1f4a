UNWIND $rows AS row
MATCH (f:Family {id: row.id})
SET f.status = row.status, f.statusFramework = $framework,
    f.statusFrameworkVersion = $version, f.statusReasons = row.reasons,
    f.statusAssessedAt = $assessedAt
