// placeholder until the command table lands
