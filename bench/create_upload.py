"""The create-upload handler of the original Python design, for the cold-start baseline: parse the JSON
body, PutItem with a condition, presign a PUT, answer. Run in a fresh interpreter per measurement."""
import json
import os
import secrets
import sys
from datetime import datetime, timezone

import boto3
from botocore.config import Config

dynamodb = boto3.client("dynamodb", endpoint_url=os.environ["AWS_ENDPOINT_URL_DYNAMODB"])
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL_S3"], config=Config(s3={"addressing_style": "path"}))


def handler(event):
    body = json.loads(event["body"])
    file_id = secrets.token_hex(16)
    now = datetime.now(timezone.utc).isoformat()
    dynamodb.put_item(
        TableName=os.environ["TABLE_NAME"],
        Item={"pk": {"S": "FILE#" + file_id}, "sk": {"S": "FILE"}, "name": {"S": body["name"]},
              "contentType": {"S": body["contentType"]}, "size": {"N": str(body["size"])},
              "state": {"S": "PENDING"}, "createdAt": {"S": now}},
        ConditionExpression="attribute_not_exists(pk)",
    )
    url = s3.generate_presigned_url(
        "put_object",
        Params={"Bucket": os.environ["BUCKET_NAME"], "Key": "uploads/" + file_id,
                "ContentType": body["contentType"], "ContentLength": body["size"]},
        ExpiresIn=900,
    )
    return {"statusCode": 201, "body": json.dumps({"id": file_id, "url": url})}


if __name__ == "__main__":
    response = handler({"body": '{"name":"cold.txt","contentType":"text/plain","size":5}'})
    print("STATUS", response["statusCode"])
    sys.stdout.flush()
