from torch import does_not_exist
