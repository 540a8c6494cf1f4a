MATCH (a:Address) WHERE a.shared
RETURN collect(a.addressKey)
