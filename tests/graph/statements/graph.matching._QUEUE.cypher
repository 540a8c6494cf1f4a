UNWIND $pairs AS pair
MERGE (r:MatchReview {pair: pair.key})
ON CREATE SET r.id = pair.id, r.leftKey = pair.left, r.rightKey = pair.right,
              r.weight = pair.weight, r.probability = pair.probability, r.rule = pair.rule,
              r.modelVersion = $modelVersion, r.createdAt = datetime(), r.status = 'PENDING',
              r.new = true
WITH r WHERE r.new
REMOVE r.new
RETURN count(r) AS added
