import numpy as np


def init_velocity():
    v_w = np.zeros((4, 3))
    v_b = np.zeros(4)  # label: SL001
    return v_w, v_b


v_w, v_b = init_velocity()
print(v_w.shape, v_b.shape)
