"""Appends a line to a file on the EFS mount and lists the directory: proof that the mount works."""
import datetime
import os

MOUNT_PATH = os.environ.get("MOUNT_PATH", "/mnt/efs")


def handler(event, context):
    path = os.path.join(MOUNT_PATH, "invocations.log")
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"{datetime.datetime.now(datetime.timezone.utc).isoformat()} {context.aws_request_id}\n")
    return {"mount_path": MOUNT_PATH, "files": sorted(os.listdir(MOUNT_PATH))}
