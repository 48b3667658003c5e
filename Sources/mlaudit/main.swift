print("mlaudit")
