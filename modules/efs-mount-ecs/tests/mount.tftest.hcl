# What efs-mount-ecs creates and outputs, applied against a mock provider (no credentials).
# The bad inputs are in validation.tftest.hcl (generated from src/modules/efs-mount-ecs/cases.ts).

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
  task_role_name = "app-task"
}

run "ecs_defaults" {
  command = apply

  assert {
    condition     = aws_efs_access_point.this[0].root_directory[0].path == "/" && aws_efs_access_point.this[0].posix_user[0].uid == 1000
    error_message = "by default the access point is rooted at / and runs as 1000:1000"
  }

  assert {
    condition     = output.volume.name == "app" && output.volume.efs_volume_configuration.file_system_id == "fs-0123456789abcdef0"
    error_message = "the volume is named after the mount and reads the file system"
  }

  assert {
    condition     = output.volume.efs_volume_configuration.transit_encryption == "ENABLED" && output.volume.efs_volume_configuration.root_directory == null
    error_message = "the volume always encrypts in transit and leaves its root to the access point"
  }

  assert {
    condition = (
      output.volume.efs_volume_configuration.authorization_config.access_point_id == aws_efs_access_point.this[0].id &&
      output.volume.efs_volume_configuration.authorization_config.iam == "ENABLED" &&
      output.volume.efs_volume_configuration.transit_encryption_port == null
    )
    error_message = "the volume mounts through the access point with IAM authorization"
  }

  assert {
    condition     = output.mount_point == { sourceVolume = "app", containerPath = "/mnt/efs", readOnly = false }
    error_message = "the mount point names the volume, at /mnt/efs, read-write"
  }

  assert {
    condition     = aws_iam_role_policy.this["role"].role == "app-task" && aws_iam_role_policy.this["role"].name == "app-efs-mount"
    error_message = "the task role gets the policy by default"
  }
}

run "ecs_without_task_role" {
  command = apply

  variables {
    task_role_name          = null
    attach_task_role_policy = false
    iam_authorization       = false
  }

  assert {
    condition     = length(aws_iam_role_policy.this) == 0 && length(data.aws_iam_policy_document.this) == 0
    error_message = "a task without a task role gets no policy"
  }

  assert {
    condition     = output.volume.efs_volume_configuration.authorization_config.iam == "DISABLED"
    error_message = "and mounts without IAM authorization"
  }
}

run "ecs_everything_set" {
  command = apply

  variables {
    name                       = "worker.data"
    root_directory             = "/ecs/worker"
    root_directory_permissions = "0750"
    container_path             = "/data"
    read_only                  = true
    iam_authorization          = false
    transit_encryption_port    = 2999
    task_role_name             = "worker-task"
    security_group_id          = "sg-0fedcba9876543210"
  }

  assert {
    condition     = output.volume.name == "worker-data" && output.mount_point.sourceVolume == "worker-data"
    error_message = "a name with dots gives a volume name with dashes"
  }

  assert {
    condition     = aws_efs_access_point.this[0].root_directory[0].creation_info[0].permissions == "0750"
    error_message = "the root directory is created with the given permissions"
  }

  assert {
    condition     = output.mount_point == { sourceVolume = "worker-data", containerPath = "/data", readOnly = true }
    error_message = "the mount point carries the container path and read-only flag"
  }

  assert {
    condition     = output.volume.efs_volume_configuration.authorization_config.iam == "DISABLED" && output.volume.efs_volume_configuration.transit_encryption_port == 2999
    error_message = "IAM authorization and the TLS port follow the inputs"
  }

  assert {
    condition = (
      aws_iam_role_policy.this["role"].role == "worker-task" &&
      toset(data.aws_iam_policy_document.this["role"].statement[0].actions) == toset(["elasticfilesystem:ClientMount"]) &&
      data.aws_iam_policy_document.this["role"].statement[1].effect == "Deny"
    )
    error_message = "a read-only task role may mount but not write"
  }
}

run "ecs_volume_name_given" {
  command = apply

  variables {
    volume_name = "shared"
  }

  assert {
    condition     = output.volume.name == "shared" && output.mount_point.sourceVolume == "shared"
    error_message = "volume_name names the volume"
  }
}

run "ecs_given_access_point" {
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
      output.volume.efs_volume_configuration.authorization_config.access_point_id == var.access_point.id &&
      output.access_point_arn == var.access_point.arn &&
      output.access_point_id == var.access_point.id
    )
    error_message = "the volume mounts the given access point, and the outputs name it"
  }

  assert {
    condition     = toset(tolist(data.aws_iam_policy_document.this["role"].statement[0].condition)[0].values) == toset([var.access_point.arn])
    error_message = "the role policy allows mounting only through the given access point"
  }
}
