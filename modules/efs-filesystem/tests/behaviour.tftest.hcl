# What the module creates for a given input, applied against a mock AWS provider.
# Written by hand (validation.tftest.hcl beside it is generated from the bad-input cases).

mock_provider "aws" {
  # The mock invents strings; the file system policy resource checks that its policy is JSON.
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name   = "files"
  vpc_id = "vpc-0123456789abcdef0"
  mount_targets = {
    "us-east-1a" = { subnet_id = "subnet-0123456789abcdef0" }
    "us-east-1b" = { subnet_id = "subnet-0123456789abcdef1" }
  }
}

run "defaults_are_secure" {
  command = apply

  assert {
    condition     = aws_efs_file_system.this.encrypted == true
    error_message = "The file system must be encrypted at rest by default."
  }
  assert {
    condition     = aws_efs_file_system.this.throughput_mode == "elastic" && aws_efs_file_system.this.performance_mode == "generalPurpose"
    error_message = "Defaults must be elastic throughput and General Purpose mode."
  }
  assert {
    condition     = aws_efs_backup_policy.this.backup_policy[0].status == "ENABLED"
    error_message = "AWS-managed backup must be on by default."
  }
  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.nfs_from_security_groups) + length(aws_vpc_security_group_ingress_rule.nfs_from_cidrs) + length(aws_vpc_security_group_egress_rule.nfs_to_file_system) == 0
    error_message = "No network access from outside the group may be opened unless asked for."
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.nfs_from_self[0].referenced_security_group_id == aws_security_group.this[0].id && aws_vpc_security_group_ingress_rule.nfs_from_self[0].from_port == 2049
    error_message = "Members of the module's own group must reach NFS by default."
  }
  assert {
    condition     = [for s in data.aws_iam_policy_document.this.statement : s.sid] == ["AllowClientAccessThroughMountTargets", "DenyUnencryptedTransport"]
    error_message = "The file system policy must keep mount access and deny non-TLS access."
  }
  assert {
    condition     = length(aws_efs_replication_configuration.this) == 0 && output.replication_destination_file_system_id == null
    error_message = "No replication unless asked for; the output must still exist."
  }
}

run "one_mount_target_per_key_in_the_module_security_group" {
  command = apply

  assert {
    condition     = keys(aws_efs_mount_target.this) == ["us-east-1a", "us-east-1b"]
    error_message = "Mount targets must be keyed by the keys of mount_targets."
  }
  assert {
    condition     = aws_efs_mount_target.this["us-east-1b"].subnet_id == "subnet-0123456789abcdef1"
    error_message = "Each mount target must sit in its entry's subnet."
  }
  assert {
    condition     = alltrue([for mt in aws_efs_mount_target.this : mt.security_groups == toset([aws_security_group.this[0].id])])
    error_message = "Mount targets must use the module's security group, never the VPC default."
  }
  assert {
    condition     = keys(output.mount_target_ids) == ["us-east-1a", "us-east-1b"] && output.file_system.mount_target_ids == output.mount_target_ids
    error_message = "mount_target_ids and file_system must expose the mount targets by key."
  }
}

run "lifecycle_policy_writes_one_block_per_transition" {
  command = apply

  variables {
    lifecycle_policy = {
      transition_to_ia                    = "AFTER_14_DAYS"
      transition_to_archive               = "AFTER_90_DAYS"
      transition_to_primary_storage_class = "AFTER_1_ACCESS"
    }
  }

  assert {
    condition     = length(aws_efs_file_system.this.lifecycle_policy) == 3
    error_message = "Each transition needs its own lifecycle_policy block."
  }
  assert {
    condition     = alltrue([for p in aws_efs_file_system.this.lifecycle_policy : length(compact([p.transition_to_ia, p.transition_to_archive, p.transition_to_primary_storage_class])) == 1])
    error_message = "No lifecycle_policy block may hold two transitions (the API rejects it)."
  }
}

run "empty_lifecycle_policy_keeps_everything_in_standard" {
  command = apply

  variables {
    lifecycle_policy = {}
  }

  assert {
    condition     = length(aws_efs_file_system.this.lifecycle_policy) == 0
    error_message = "lifecycle_policy = {} must write no transitions."
  }
}

run "provisioned_throughput_is_passed_through" {
  command = apply

  variables {
    throughput_mode                 = "provisioned"
    provisioned_throughput_in_mibps = 256
    backup_enabled                  = false
    enforce_tls                     = false
  }

  assert {
    condition     = aws_efs_file_system.this.provisioned_throughput_in_mibps == 256
    error_message = "Provisioned MiB/s must reach the file system."
  }
  assert {
    condition     = aws_efs_backup_policy.this.backup_policy[0].status == "DISABLED"
    error_message = "backup_enabled = false must disable the backup policy."
  }
  assert {
    condition     = [for s in data.aws_iam_policy_document.this.statement : s.sid] == ["AllowClientAccessThroughMountTargets"]
    error_message = "enforce_tls = false must drop only the TLS statement."
  }
}

run "access_point_directory_is_created_for_its_posix_user" {
  command = apply

  variables {
    access_points = {
      app = { root_directory = "/app", posix_user = { uid = 1001, gid = 1002 } }
      ops = { root_directory = "/ops", creation_info = { owner_uid = 0, owner_gid = 0, permissions = "0700" } }
    }
  }

  assert {
    condition     = aws_efs_access_point.this["app"].root_directory[0].creation_info[0].owner_uid == 1001 && aws_efs_access_point.this["app"].root_directory[0].creation_info[0].permissions == "0755"
    error_message = "Without creation_info the directory must be created owned by the POSIX user, 0755."
  }
  assert {
    condition     = aws_efs_access_point.this["ops"].root_directory[0].creation_info[0].permissions == "0700" && length(aws_efs_access_point.this["ops"].posix_user) == 0
    error_message = "Explicit creation_info must win, and no POSIX user is set unless given."
  }
  assert {
    condition     = output.access_points["app"].id == aws_efs_access_point.this["app"].id
    error_message = "access_points output must map keys to ids."
  }
  assert {
    condition     = output.access_points["app"].root_directory == "/app" && output.access_points["app"].posix_user.uid == 1001 && output.access_points["ops"].posix_user == null
    error_message = "access_points output must give each root directory path and POSIX user (null when none is set)."
  }
}

run "allowed_sources_get_one_nfs_rule_each_keyed_by_name" {
  command = apply

  variables {
    allowed_security_groups = { app = "sg-0123456789abcdef0", batch = "sg-0123456789abcdef1" }
    allowed_cidrs           = { office = "10.0.0.0/16", lab = "fd00::/8" }
  }

  assert {
    condition     = { for k, r in aws_vpc_security_group_ingress_rule.nfs_from_security_groups : k => r.referenced_security_group_id } == { app = "sg-0123456789abcdef0", batch = "sg-0123456789abcdef1" }
    error_message = "Each allowed security group needs its own 2049 rule, keyed by its name."
  }
  assert {
    condition     = alltrue([for r in concat(values(aws_vpc_security_group_ingress_rule.nfs_from_security_groups), values(aws_vpc_security_group_ingress_rule.nfs_from_cidrs)) : r.from_port == 2049 && r.to_port == 2049 && r.ip_protocol == "tcp" && r.security_group_id == aws_security_group.this[0].id])
    error_message = "Rules must open TCP 2049 only, on the module's group."
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.nfs_from_cidrs["office"].cidr_ipv4 == "10.0.0.0/16" && aws_vpc_security_group_ingress_rule.nfs_from_cidrs["lab"].cidr_ipv6 == "fd00::/8"
    error_message = "IPv4 and IPv6 blocks must land in the matching rule attribute."
  }
  assert {
    condition     = { for k, r in aws_vpc_security_group_egress_rule.nfs_to_file_system : k => [r.security_group_id, r.referenced_security_group_id, r.ip_protocol, r.from_port, r.to_port] } == { app = ["sg-0123456789abcdef0", aws_security_group.this[0].id, "tcp", 2049, 2049], batch = ["sg-0123456789abcdef1", aws_security_group.this[0].id, "tcp", 2049, 2049] }
    error_message = "Each allowed client group must be let out to NFS on the module's group."
  }
  assert {
    condition     = output.file_system.allowed_security_group_ids == tolist(["sg-0123456789abcdef0", "sg-0123456789abcdef1"])
    error_message = "file_system must list the allowed client groups, for the mount modules."
  }
}

run "client_egress_rules_can_be_left_to_the_user" {
  command = apply

  variables {
    allowed_security_groups = { app = "sg-0123456789abcdef0" }
    client_egress_rules     = false
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.nfs_to_file_system) == 0 && length(aws_vpc_security_group_ingress_rule.nfs_from_security_groups) == 1
    error_message = "client_egress_rules = false must drop the egress rules and keep the ingress rules."
  }
}

run "security_group_named_after_the_file_system_by_default" {
  command = apply

  assert {
    condition     = aws_security_group.this[0].name_prefix == "files-efs-" && aws_security_group.this[0].tags["Name"] == "files-efs"
    error_message = "The group must be named by the prefix \"<name>-efs-\" and tagged \"<name>-efs\"."
  }
  assert {
    condition     = aws_security_group.this[0].description == "NFS access to the EFS mount targets"
    error_message = "The group keeps its default description."
  }
}

run "security_group_name_and_description_are_set_once" {
  command = apply

  variables {
    security_group_name            = "legacy-efs"
    security_group_use_name_prefix = false
    security_group_description     = "Managed by Terraform"
  }

  assert {
    condition     = aws_security_group.this[0].name_prefix == "files-efs-" && aws_security_group.this[0].tags["Name"] == "legacy-efs"
    error_message = "An existing group keeps the name it was created with; only its Name tag follows."
  }
  assert {
    condition     = aws_security_group.this[0].description == "NFS access to the EFS mount targets"
    error_message = "An existing group keeps the description it was created with."
  }
}

run "security_group_name_can_be_exact" {
  command = apply

  # Name and description are set when the group is created: replace it to give it new ones.
  plan_options {
    replace = [aws_security_group.this[0]]
  }

  variables {
    security_group_name            = "legacy-efs"
    security_group_use_name_prefix = false
    security_group_description     = "Managed by Terraform"
  }

  assert {
    condition     = aws_security_group.this[0].name == "legacy-efs" && aws_security_group.this[0].tags["Name"] == "legacy-efs"
    error_message = "security_group_use_name_prefix = false must use security_group_name as the exact name."
  }
  assert {
    condition     = aws_security_group.this[0].description == "Managed by Terraform"
    error_message = "security_group_description must be the group's description."
  }
}

run "replication_creates_one_destination" {
  command = apply

  variables {
    replication = { region = "eu-west-1" }
  }

  assert {
    condition     = aws_efs_replication_configuration.this["replica"].destination[0].region == "eu-west-1"
    error_message = "Replication must target the given Region."
  }
}

run "own_security_groups_instead_of_the_module_group" {
  command = apply

  variables {
    vpc_id                          = null
    create_security_group           = false
    mount_target_security_group_ids = ["sg-0bbbbbbbbbbbbbbb2"]
  }

  assert {
    condition     = length(aws_security_group.this) == 0 && length(aws_vpc_security_group_ingress_rule.nfs_from_self) == 0
    error_message = "Without create_security_group the module must create no group and no NFS rule."
  }
  assert {
    condition     = alltrue([for mt in aws_efs_mount_target.this : mt.security_groups == toset(["sg-0bbbbbbbbbbbbbbb2"])])
    error_message = "Mount targets must use the groups of mount_target_security_group_ids only."
  }
  assert {
    condition     = output.security_group_id == null && output.security_group_arn == null && output.file_system.security_group_id == null
    error_message = "The group outputs must be null without a group of the module's own."
  }
}

run "user_groups_besides_the_module_group" {
  command = apply

  variables {
    mount_target_security_group_ids = ["sg-0bbbbbbbbbbbbbbb2"]
  }

  assert {
    condition     = alltrue([for mt in aws_efs_mount_target.this : mt.security_groups == toset([aws_security_group.this[0].id, "sg-0bbbbbbbbbbbbbbb2"])])
    error_message = "Mount targets must use the module's group and the groups of mount_target_security_group_ids."
  }
  assert {
    condition     = output.security_group_arn == aws_security_group.this[0].arn
    error_message = "security_group_arn must be the ARN of the module's group."
  }
  assert {
    condition     = output.mount_targets["us-east-1a"].id == aws_efs_mount_target.this["us-east-1a"].id && output.mount_targets["us-east-1a"].dns_name == aws_efs_mount_target.this["us-east-1a"].mount_target_dns_name && output.mount_targets["us-east-1b"].subnet_id == "subnet-0123456789abcdef1"
    error_message = "mount_targets output must give each mount target's attributes by its key."
  }
}

run "no_mount_targets" {
  command = apply

  variables {
    mount_targets = {}
  }

  assert {
    condition     = length(aws_efs_mount_target.this) == 0 && output.mount_target_ids == {} && output.mount_targets == {}
    error_message = "An empty mount_targets must create a file system without mount targets."
  }
}
