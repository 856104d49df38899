# What efs-mount-lambda creates and outputs, applied against a mock provider (no credentials).
# The bad inputs are in validation.tftest.hcl (generated from src/modules/efs-mount-lambda/cases.ts).

# The provider still validates the policy JSON, so the mock's policy document returns a real one.
mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name = "app"
  file_system = {
    id                = "fs-0123456789abcdef0"
    arn               = "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0"
    security_group_id = "sg-0123456789abcdef0"
    mount_target_ids = {
      "us-east-1a" = "fsmt-0123456789abcdef0"
    }
    allowed_security_group_ids = ["sg-0fedcba9876543210"]
  }
  role_name = "app-role"
}

run "lambda_defaults" {
  command = apply

  assert {
    condition     = aws_efs_access_point.this[0].file_system_id == "fs-0123456789abcdef0"
    error_message = "the access point must be on the given file system"
  }

  assert {
    condition     = aws_efs_access_point.this[0].root_directory[0].path == "/" && length(aws_efs_access_point.this[0].root_directory[0].creation_info) == 0
    error_message = "by default the access point is rooted at / without creation_info"
  }

  assert {
    condition     = aws_efs_access_point.this[0].posix_user[0].uid == 1000 && aws_efs_access_point.this[0].posix_user[0].gid == 1000
    error_message = "the POSIX user defaults to 1000:1000"
  }

  assert {
    condition     = aws_efs_access_point.this[0].tags == tomap({ Name = "app" })
    error_message = "the access point is tagged with the mount's name"
  }

  assert {
    condition     = aws_iam_role_policy.this["role"].role == "app-role"
    error_message = "the role gets the policy by default"
  }

  assert {
    condition     = output.local_mount_path == "/mnt/efs" && output.file_system_config.local_mount_path == "/mnt/efs"
    error_message = "the mount path defaults to /mnt/efs"
  }

  assert {
    condition     = output.file_system_config.arn == aws_efs_access_point.this[0].arn && output.access_point_arn == aws_efs_access_point.this[0].arn && output.access_point_id == aws_efs_access_point.this[0].id
    error_message = "the outputs name the access point"
  }
}

run "lambda_directory_role_and_group" {
  command = apply

  variables {
    root_directory    = "/lambda"
    mount_path        = "/mnt/data"
    posix_user        = { uid = 1001, gid = 1002, secondary_gids = [2000] }
    role_name         = "app-role"
    security_group_id = "sg-0fedcba9876543210"
    tags              = { team = "data" }
  }

  assert {
    condition     = aws_efs_access_point.this[0].root_directory[0].path == "/lambda"
    error_message = "the access point is rooted at root_directory"
  }

  assert {
    condition = (
      aws_efs_access_point.this[0].root_directory[0].creation_info[0].owner_uid == 1001 &&
      aws_efs_access_point.this[0].root_directory[0].creation_info[0].owner_gid == 1002 &&
      aws_efs_access_point.this[0].root_directory[0].creation_info[0].permissions == "0755"
    )
    error_message = "a root directory below / is created owned by the POSIX user, 0755"
  }

  assert {
    condition     = aws_efs_access_point.this[0].posix_user[0].secondary_gids == toset([2000])
    error_message = "secondary groups are passed on"
  }

  assert {
    condition     = aws_iam_role_policy.this["role"].role == "app-role" && aws_iam_role_policy.this["role"].name == "app-efs-mount"
    error_message = "the policy is attached inline to the role, named after the mount"
  }

  assert {
    condition     = length(data.aws_iam_policy_document.this["role"].statement) == 1
    error_message = "a read-write mount has one statement"
  }

  assert {
    condition = (
      data.aws_iam_policy_document.this["role"].statement[0].effect == "Allow" &&
      toset(data.aws_iam_policy_document.this["role"].statement[0].actions) == toset(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]) &&
      toset(data.aws_iam_policy_document.this["role"].statement[0].resources) == toset([var.file_system.arn])
    )
    error_message = "the role may mount and write the file system"
  }

  assert {
    condition = (
      tolist(data.aws_iam_policy_document.this["role"].statement[0].condition)[0].test == "StringEquals" &&
      tolist(data.aws_iam_policy_document.this["role"].statement[0].condition)[0].variable == "elasticfilesystem:AccessPointArn" &&
      toset(tolist(data.aws_iam_policy_document.this["role"].statement[0].condition)[0].values) == toset([aws_efs_access_point.this[0].arn])
    )
    error_message = "only through this access point"
  }

  assert {
    condition     = aws_efs_access_point.this[0].tags == tomap({ team = "data", Name = "app" })
    error_message = "tags reach the access point"
  }

  assert {
    condition     = output.file_system_config.local_mount_path == "/mnt/data"
    error_message = "the mount path is passed on"
  }
}

run "lambda_read_only" {
  command = apply

  variables {
    root_directory = "/shared"
    role_name      = "reader"
    read_only      = true
  }

  assert {
    condition     = toset(data.aws_iam_policy_document.this["role"].statement[0].actions) == toset(["elasticfilesystem:ClientMount"])
    error_message = "a read-only mount allows ClientMount only"
  }

  assert {
    condition = (
      length(data.aws_iam_policy_document.this["role"].statement) == 2 &&
      data.aws_iam_policy_document.this["role"].statement[1].effect == "Deny" &&
      toset(data.aws_iam_policy_document.this["role"].statement[1].actions) == toset(["elasticfilesystem:ClientWrite"]) &&
      toset(tolist(data.aws_iam_policy_document.this["role"].statement[1].condition)[0].values) == toset([aws_efs_access_point.this[0].arn])
    )
    error_message = "and denies ClientWrite through the access point, whatever the file system policy allows"
  }
}

run "lambda_flag_turns_the_policy_off" {
  command = apply

  variables {
    role_name          = "managed-elsewhere"
    attach_role_policy = false
    security_group_id  = "sg-0fedcba9876543210"
  }

  assert {
    condition     = length(aws_iam_role_policy.this) == 0 && length(data.aws_iam_policy_document.this) == 0
    error_message = "attach_role_policy = false creates no policy"
  }
}

run "lambda_group_of_the_file_system_itself" {
  command = plan

  variables {
    security_group_id = "sg-0123456789abcdef0"
  }

  assert {
    condition     = aws_efs_access_point.this[0].file_system_id == "fs-0123456789abcdef0"
    error_message = "the file system's own group (allow_nfs_from_self) passes the client group check"
  }
}

run "lambda_given_access_point" {
  command = apply

  variables {
    access_point = {
      id  = "fsap-0123456789abcdef0"
      arn = "arn:aws:elasticfilesystem:us-east-1:111122223333:access-point/fsap-0123456789abcdef0"
    }
  }

  assert {
    condition     = length(aws_efs_access_point.this) == 0
    error_message = "with access_point the module creates no access point"
  }

  assert {
    condition = (
      output.file_system_config.arn == var.access_point.arn &&
      output.access_point_arn == var.access_point.arn &&
      output.access_point_id == var.access_point.id
    )
    error_message = "the function mounts the given access point, and the outputs name it"
  }

  assert {
    condition     = toset(tolist(data.aws_iam_policy_document.this["role"].statement[0].condition)[0].values) == toset([var.access_point.arn])
    error_message = "the role policy allows mounting only through the given access point"
  }
}
