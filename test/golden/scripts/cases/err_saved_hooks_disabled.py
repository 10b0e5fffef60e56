# save_on_cpu while saved-tensor hooks are disabled: the message at saved_tensors_hooks.__enter__
import torch
with torch.autograd.graph.disable_saved_tensors_hooks("msg B"):
    with torch.autograd.graph.save_on_cpu():
        pass
