UNWIND $pairs AS pair
MATCH (a:SourceRecord {sourceKey: pair.left}), (b:SourceRecord {sourceKey: pair.right})
MERGE (a)-[m:MATCHES]->(b)
SET m.weight = pair.weight, m.probability = pair.probability, m.rule = pair.rule,
    m.modelVersion = $modelVersion, m.at = datetime()
