MATCH (x:UploadRejection {uploadId: $uploadId}) WHERE x.ordinal > $after
WITH x ORDER BY x.ordinal LIMIT $limit
RETURN collect(x {.*}) AS rejections
