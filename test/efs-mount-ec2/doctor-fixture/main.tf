# efs-modules doctor's ec2-efs-mount check, each way: instances and launch templates whose user
# data mounts EFS with and without TLS, ordered after the mount targets and not. Planned offline.

resource "aws_efs_file_system" "this" {
  encrypted = true
}

resource "aws_efs_mount_target" "this" {
  file_system_id  = aws_efs_file_system.this.id
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = ["sg-0123456789abcdef0"]
}

# Plain NFS of an existing file system, ordered (nothing to wait for): no TLS.
resource "aws_instance" "plain_nfs" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nmount -t nfs4 -o nfsvers=4.1 fs-0fedcba9876543210.efs.us-east-1.amazonaws.com:/ /mnt/efs\n"
}

# The mount helper in fstab, without tls.
resource "aws_launch_template" "helper_without_tls" {
  image_id  = "ami-0123456789abcdef0"
  user_data = base64encode("#!/bin/bash\necho 'fs-0fedcba9876543210:/ /mnt/efs efs _netdev,iam 0 0' >> /etc/fstab\nmount -a\n")
}

# With TLS, but built from the file system alone: not ordered after its mount target.
resource "aws_instance" "unordered" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nmount -t efs -o tls,iam ${aws_efs_file_system.this.id}:/ /mnt/efs\n"
}

# The same, ordered: clean.
resource "aws_launch_template" "ordered" {
  image_id   = "ami-0123456789abcdef0"
  user_data  = base64encode("#!/bin/bash\nmount -t efs -o tls,iam ${aws_efs_file_system.this.id}:/ /mnt/efs\n")
  depends_on = [aws_efs_mount_target.this]
}

# The module's user data: TLS, and ordered through the file system object: clean.
module "mount" {
  source = "../../../modules/efs-mount-ec2"

  file_system = {
    id               = aws_efs_file_system.this.id
    arn              = aws_efs_file_system.this.arn
    mount_target_ids = { a = aws_efs_mount_target.this.id }
  }
  name      = "app"
  role_name = "app-role"
}

resource "aws_instance" "module" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = module.mount.user_data
}

resource "aws_launch_template" "module" {
  image_id  = "ami-0123456789abcdef0"
  user_data = module.mount.user_data_base64
}
