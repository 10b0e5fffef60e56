# "Extending PyTorch" (notes) as written: LinearFunction, MulConstant with a non-tensor argument,
# gradcheck on double inputs, and what a wrong backward gives (gradcheck's failure message, and
# False with raise_exception=False); hooks that return a gradient of another shape
import torch
from torch.autograd import gradcheck

class LinearFunction(torch.autograd.Function):

    # Note that forward, setup_context, and backward are @staticmethods
    @staticmethod
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    # This function has only a single output, so it gets only one gradient
    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None

        # These needs_input_grad checks are optional and there only to
        # improve efficiency. If you want to make your code simpler, you can
        # skip them. Returning gradients for inputs that don't require it is
        # not an error.
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)

        return grad_input, grad_weight, grad_bias

class MulConstant(torch.autograd.Function):
    @staticmethod
    def forward(ctx, tensor, constant):
        # ctx is a context object that can be used to stash information
        # for backward computation
        ctx.constant = constant
        return tensor * constant

    @staticmethod
    def backward(ctx, grad_output):
        # We return as many input gradients as there were arguments.
        # Gradients of non-Tensor arguments to forward must be None.
        return grad_output * ctx.constant, None

torch.manual_seed(0)
linear = LinearFunction.apply
# gradcheck takes a tuple of tensors as input, check if your gradient
# evaluated with these tensors are close enough to numerical
# approximations and returns True if they all verify this condition.
input = (torch.randn(20,20,dtype=torch.double,requires_grad=True), torch.randn(30,20,dtype=torch.double,requires_grad=True))
test = gradcheck(linear, input, eps=1e-6, atol=1e-4)
print(test)
x = torch.randn(4, 3, requires_grad=True)
w = torch.randn(2, 3, requires_grad=True)
b = torch.randn(2, requires_grad=True)
y = linear(x, w, b)
print(y.grad_fn.name(), type(y.grad_fn).__module__)
y.sum().backward()
print(x.grad, w.grad, b.grad, sep="\n")
z = MulConstant.apply(x, 3.0)
z.backward(torch.ones_like(z))
print(x.grad)
print(gradcheck(lambda t: MulConstant.apply(t, 2.5), torch.randn(3, dtype=torch.double, requires_grad=True)))

class WrongBackward(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.exp()

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x  # should be g * x.exp()

t = torch.tensor([0.5, 1.0], dtype=torch.double, requires_grad=True)
try:
    gradcheck(WrongBackward.apply, (t,))
except Exception as e:
    print(type(e).__module__, type(e).__name__)
    print(e)
print(gradcheck(WrongBackward.apply, (t,), raise_exception=False))
print(gradcheck(WrongBackward.apply, (t,), atol=10.0))
try:
    torch.autograd.gradgradcheck(WrongBackward.apply, (t,))
except Exception as e:
    print(type(e).__name__)
    print(e)
# a float32 input: the warning, then the failure
t32 = torch.tensor([0.5, 1.0], requires_grad=True)
print(gradcheck(lambda v: v * v, (t32,), raise_exception=False, eps=1e-3, atol=1e-2))

# hooks returning a gradient of another shape
a = torch.ones(3, requires_grad=True)
b2 = a * 2
b2.register_hook(lambda g: g[:2])
try:
    b2.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)
def as_double(g):
    return g.double()
c = a * 3
c.register_hook(as_double)
try:
    c.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)
lin = torch.nn.Linear(3, 2)
def bad_module_hook(module, grad_input, grad_output):
    return (torch.ones(5),)
lin.register_full_backward_hook(bad_module_hook)
try:
    lin(torch.ones(1, 3, requires_grad=True)).sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)
